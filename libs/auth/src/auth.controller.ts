import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRefusals, PageQueryDto } from '@app/common';
import type { Actor } from './actor';
import { AuthService } from './auth.service';
import { CurrentActor, PlannersOnly, Public } from './decorators';
import { CreateUserDto } from './dto/create-user.dto';
import { AccessTokenDto, ActorView, LoginDto } from './dto/login.dto';
import { UserView, UserViewPage } from './dto/user-view.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiRefusals(401, 429) // 429: too many attempts from this address or for this account
  login(@Body() input: LoginDto): Promise<AccessTokenDto> {
    return this.auth.login(input);
  }

  @Get('me')
  @ApiBearerAuth()
  me(@CurrentActor() actor: Actor): ActorView {
    return actor;
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@PlannersOnly()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() query: PageQueryDto): Promise<UserViewPage> {
    return this.users.list(query);
  }

  @Post()
  @ApiRefusals(409, 422)
  create(@Body() input: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.create(input, actor);
  }
}
